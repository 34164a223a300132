#!/bin/sh
# Usage: build-dist.sh <target dir> [JDK 25 home]. Builds target/dist (Maven package phase): bin/git-credential-sam, lib/ (jar and its deps),
# runtime/ (jlink'd java.base only), and the class-data archive made by that runtime.
# JDK 25 when installed (its AOT cache, JEP 483/514, starts fastest: see docs/credential-helper.md),
# otherwise the build's own JDK with a dynamic AppCDS archive.
set -eu
target=$1
dist=$target/dist
here=$(cd "$(dirname "$0")" && pwd)
jdk25=${2:-/usr/lib/jvm/temurin-25-jdk-amd64}

mkdir -p "$dist/bin" "$dist/lib"
cp "$target/sam-credential-helper.jar" "$dist/lib/"
cp "$here/git-credential-sam" "$dist/bin/git-credential-sam"
chmod 755 "$dist/bin/git-credential-sam"
rm -rf "$dist/runtime" "$dist/lib/git-credential-sam.aot" "$dist/lib/git-credential-sam.jsa"

link() { # $1 = JDK home, $2 = compress option, then extra jlink options
    home=$1 compress=$2
    shift 2
    "$home/bin/jlink" --add-modules java.base --strip-debug --no-man-pages --no-header-files \
        --compress="$compress" "$@" --output "$dist/runtime" >/dev/null 2>&1
}

train() { # runs the training with the given archive option; output is the training's, not git's
    scratch=$(mktemp -d)
    status=0
    "$dist/runtime/bin/java" -Xint -XX:+UseSerialGC -Xss256k -XX:-UsePerfData "$@" \
        -cp "$dist/lib/sam-credential-helper.jar" dev.sam.helper.ArchiveTraining "$scratch" >/dev/null 2>&1 || status=$?
    rm -rf "$scratch"
    return $status
}

kind=
if [ -x "$jdk25/bin/jlink" ] && link "$jdk25" zip-6; then
    if train -XX:AOTCacheOutput="$dist/lib/git-credential-sam.aot" && [ -s "$dist/lib/git-credential-sam.aot" ]; then
        kind="JDK 25 AOT cache"
    else
        rm -rf "$dist/runtime" "$dist/lib/git-credential-sam.aot" "$dist/lib/git-credential-sam.aot.config"
    fi
fi
if [ -z "$kind" ]; then
    rm -rf "$dist/runtime"
    java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
    # A dynamic archive sits on the runtime's base archive; the no-compressed-oops variant is
    # only for heaps over 32 GB, which a credential helper never has.
    link "$java_home" 2 --generate-cds-archive
    rm -f "$dist/runtime/lib/server/classes_nocoops.jsa"
    train -XX:ArchiveClassesAtExit="$dist/lib/git-credential-sam.jsa"
    kind="AppCDS (dynamic archive)"
fi
rm -f "$dist/lib/git-credential-sam.aot.config"
echo "credential-helper dist: $("$dist/runtime/bin/java" -version 2>&1 | head -1), $kind, $(du -sh "$dist" | cut -f1)" >&2
