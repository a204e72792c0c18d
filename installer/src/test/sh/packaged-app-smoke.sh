#!/usr/bin/env bash
# Smoke test of the packaged app (issue 7): builds the jpackage app images (-Pdist), starts the packaged host stub
# (StepcastHostStub, with the Stepcast plugin preinstalled in its plugins folder) under Xvfb, and passes when its
# window shows the Stepcast panel: a probe agent (PanelProbe.java, via JAVA_TOOL_OPTIONS) finds a showing component
# of the plugin, loaded from the plugins folder by the host's plugin class loader. Then it kills the app.
#
# Usage: installer/src/test/sh/packaged-app-smoke.sh   (from anywhere; SKIP_BUILD=1 reuses an existing image)
# Uses $DISPLAY if set, else starts its own Xvfb on $SMOKE_DISPLAY (default :14). Needs: JDK 17 (javac, jar), Maven, Xvfb,
# x11-utils (xwininfo). SMOKE_SCREENSHOT=file.png saves a screenshot (needs ImageMagick's import).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
TIMEOUT=${SMOKE_TIMEOUT:-120}
started=$(date +%s)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "[smoke] building app images: mvn -B -q -Pdist -pl installer -am package -DskipTests"
  (cd "$ROOT" && mvn -B -q -Pdist -pl installer -am package -DskipTests)
fi
built=$(date +%s)

IMAGE="$ROOT/installer/target/dist/images/StepcastHostStub"
LAUNCHER="$IMAGE/bin/StepcastHostStub"
[ -x "$LAUNCHER" ] || { echo "[smoke] FAIL: no launcher $LAUNCHER"; exit 1; }
PLUGIN=$(ls "$IMAGE"/lib/app/plugins/stepcast-*.jar 2>/dev/null | head -1)
[ -n "$PLUGIN" ] || { echo "[smoke] FAIL: no preinstalled plugin in $IMAGE/lib/app/plugins"; exit 1; }
echo "[smoke] image $IMAGE, plugin $(basename "$PLUGIN")"

# The packaged runtimes carry the class-data-sharing archive (jlink --generate-cds-archive): with -Xshare:on a JVM
# that cannot map it refuses to start, so this fails if an image lost it.
CLI="$ROOT/installer/target/dist/images/Stepcast/bin/Stepcast"
[ -x "$CLI" ] || { echo "[smoke] FAIL: no packaged CLI $CLI"; exit 1; }
if ! version=$(JAVA_TOOL_OPTIONS=-Xshare:on "$CLI" --version 2>"$ROOT/installer/target/cds-check.err"); then
  echo "[smoke] FAIL: the packaged CLI cannot start with its CDS archive (-Xshare:on):"
  cat "$ROOT/installer/target/cds-check.err"; exit 1
fi
echo "[smoke] packaged CLI starts with class data sharing on: $version"

WORK=$(mktemp -d)
APP_PID=""
XVFB_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/probe"
javac -d "$WORK/probe" "$HERE/PanelProbe.java"
printf 'Premain-Class: PanelProbe\n' > "$WORK/manifest.txt"
jar cfm "$WORK/probe.jar" "$WORK/manifest.txt" -C "$WORK/probe" .

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY="${SMOKE_DISPLAY:-:14}"
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
  echo "[smoke] started Xvfb on $DISPLAY"
fi

JAVA_TOOL_OPTIONS="-javaagent:$WORK/probe.jar=$WORK/ready" \
  "$LAUNCHER" --home "$WORK/home" --default-layout >"$WORK/app.log" 2>&1 &
APP_PID=$!
launched=$(date +%s)

while [ ! -s "$WORK/ready" ]; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "[smoke] FAIL: the packaged host stub exited early:"; tail -40 "$WORK/app.log"; exit 1
  fi
  if [ $(( $(date +%s) - launched )) -ge "$TIMEOUT" ]; then
    echo "[smoke] FAIL: no Stepcast panel showing after ${TIMEOUT}s:"; tail -40 "$WORK/app.log"; exit 1
  fi
  sleep 0.5
done
shown=$(date +%s)

echo "[smoke] $(cat "$WORK/ready")"
if ! xwininfo -root -tree | grep -q '"Stepcast Host Stub"'; then
  echo "[smoke] FAIL: no X window titled 'Stepcast Host Stub'"; xwininfo -root -tree | head -30; exit 1
fi
echo "[smoke] X window: $(xwininfo -root -tree | grep '"Stepcast Host Stub"' | head -1 | sed 's/^ *//')"
if [ -n "${SMOKE_SCREENSHOT:-}" ]; then
  sleep 3 # the panel is in the Swing tree; give the first paint a moment before the picture
  import -window root "$SMOKE_SCREENSHOT" && echo "[smoke] screenshot $SMOKE_SCREENSHOT"
fi

kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
echo "[smoke] PASS: build $((built - started)) s, start to panel shown $((shown - launched)) s, total $(( $(date +%s) - started )) s"
