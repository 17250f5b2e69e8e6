"""Appends the focus test's TUs to a mini tree's compile_commands.json.
   add_tus.py TREE INPUTS_DIR CHECKER_INPUTS RESOURCE_DIR [FILE...]
   (FILEs: the .c and .h files of INPUTS_DIR to copy into TREE/lib; default
   the prefilter-focus test's)"""
import json, os, shutil, sys
tree, here, inputs, resource = sys.argv[1:5]
files = sys.argv[5:] or ["nogup.c", "via-header.c", "inline-wrapper.h"]
os.makedirs(os.path.join(tree, "lib"), exist_ok=True)
for f in files:
    shutil.copy(os.path.join(here, f), os.path.join(tree, "lib", f))
db_path = os.path.join(tree, "compile_commands.json")
db = json.load(open(db_path))
for f in [f for f in files if f.endswith(".c")]:
    db.append({"directory": tree, "file": "lib/" + f,
               "arguments": ["clang", "-nostdinc", "-isystem", resource + "/include",
                             "-I", inputs, "--target=x86_64-linux-gnu", "-c",
                             "lib/" + f, "-o", "lib/" + f[:-2] + ".o"]})
json.dump(db, open(db_path, "w"), indent=1)
