/* Forced in with -include, like the kernel's include/linux/kconfig.h: the
 * TUs do not compile without it, so dropping -include would show. */
#define NR_PAGES 16
