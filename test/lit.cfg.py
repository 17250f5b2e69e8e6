# lit configuration for pinpair. Out of tree, so llvm_config.use_clang() (which
# expects an LLVM build tree) is not used; the substitutions are set here.
import os
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "pinpair"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "unit", "refmodel", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)

llvm_config.add_tool_substitutions(["FileCheck", "not", "count"], [config.llvm_tools_dir])

clang = os.path.join(config.llvm_tools_dir, "clang")
resource_dir = subprocess.check_output([clang, "-print-resource-dir"], text=True).strip()
inputs = os.path.join(config.test_source_root, "checkers", "Inputs")

# x86_64 Linux (LP64, like the kernel) whatever the host is.
triple = "x86_64-unknown-linux-gnu"
cc1 = (f"{clang} -cc1 -internal-isystem {resource_dir}/include -nostdsysteminc "
       f"-triple {triple} -analyze -setup-static-analyzer")
config.substitutions.append(("%clang_analyze_cc1", cc1))
# The common form: plugin loaded, core + linux.gup on, the kernel stand-in header.
config.substitutions.append(
    ("%gup_analyze", f"{cc1} -load {config.pinpair_plugin} -I {inputs} "
                     f"-analyzer-checker=core,linux.gup"))
config.substitutions.append(("%clang", f"{clang} --target={triple}"))
config.substitutions.append(("%plugin", config.pinpair_plugin))
config.substitutions.append(("%inputs", inputs))
src_root = os.path.dirname(config.test_source_root)
config.substitutions.append(("%corpus", os.path.join(src_root, "examples", "corpus")))
config.substitutions.append(("%refmodel_include", os.path.join(src_root, "lib", "refmodel", "include")))
config.substitutions.append(("%scan_build", config.scan_build))
config.substitutions.append(("%llvm_bindir", config.llvm_tools_dir))

if config.scan_build and os.path.exists(config.scan_build):
    config.available_features.add("scan-build")
# The LLVM the checkers are built against: llvm-19, llvm-22, ...
config.available_features.add("llvm-" + config.llvm_version_major)

# The pinpair command (test/driver): the binary, the clang resource directory
# for -isystem in the mini tree's database, and the Python running lit.
config.substitutions.append(("%pinpair", config.pinpair))
config.substitutions.append(("%resource_dir", resource_dir))
if not any(s[0] == "%python" for s in config.substitutions):
    import sys
    config.substitutions.append(("%python", sys.executable))
