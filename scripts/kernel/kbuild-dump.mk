# Kbuild hook makefile of pinpair's kernel scripts, loaded into every make via
# MAKEFILES (prepare-tree.sh copies it into the tree, tree-sample.sh into its
# output directory). It asks Kbuild which objects a configuration builds:
# "make dir/file.o" is no test, it compiles any file it is given, enabled or
# not. A recipe's $(file) is expanded even under make -n, so a dry run is
# enough.
#
# PINPAIR_DUMP=FILE: each scripts/Makefile.build invocation (default goal
# "$(obj)/") appends "dir real-obj-y real-obj-m lib-y" to FILE.
ifneq ($(PINPAIR_DUMP),)
ifneq ($(obj),)
$(obj)/: pinpair-dump
.PHONY: pinpair-dump
pinpair-dump:
	@:$(if $(strip $(real-obj-y)$(real-obj-m)$(lib-y)),$(file >>$(PINPAIR_DUMP),$(obj) $(real-obj-y) $(real-obj-m) $(lib-y)))
endif
endif
# PINPAIR_TOPDIRS=FILE: the top directory's invocation (obj=.) writes the
# subdirectories the top Kbuild file descends into for this config to FILE.
# It hangs off whatever goal that make was given, since the variable is only
# known once Kbuild has read ./Kbuild.
ifneq ($(PINPAIR_TOPDIRS),)
ifeq ($(obj),.)
$(MAKECMDGOALS): pinpair-topdirs
.PHONY: pinpair-topdirs
pinpair-topdirs:
	@:$(file >$(PINPAIR_TOPDIRS),$(subdir-ym))
endif
endif
