#!/bin/sh
# no_globals.sh OBJDUMP LIB: the front end is reentrant, so its library
# holds no writable object (.data, .bss, thread-locals, common).
objdump=$1 lib=$2
found=$("$objdump" -t "$lib" | grep ' O ' |
        grep -E '[[:space:]](\.data|\.bss|\.tdata|\.tbss|\*COM\*)([[:space:]]|\.)' |
        grep -v '\.data\.rel\.ro' |
        # bison's yyparse keeps a zeroed location it only reads (yyloc_default),
        # which an unoptimised build leaves in .bss.
        grep -v 'yyloc_default')
if [ -n "$found" ]; then
    echo "FAIL: writable state in $lib:"; echo "$found"; exit 1
fi
