// Included by prune.c: functions defined here are not entry points, and the
// analysis only evaluates those that main-file code names.
short pins_short(short x);
char pins_char(char x);

// No main-file code names this one: the address it takes never reaches the
// engine.
static inline short (*unnamed_taker(void))(short) { return pins_short; }

// prune.c names this one.
static inline char (*named_taker(void))(char) { return pins_char; }
