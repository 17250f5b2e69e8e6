/* Not C: the database lists it, pinpair skips it. */
