#!/bin/sh
# window_test.sh WINDOW_EXE SCENARIO SHOTS_DIR: one real window under a
# private Xvfb, driven by xdotool: Right x4, Left x4, S, F11, S, Escape,
# Escape, Q, Q.  Checks that the frame changed and came back, that S wrote a PNG
# of the window's size and, in full screen, one of the screen's size, that
# the first Escape leaves full screen, the second does not quit, and Q
# asks before a second Q exits 0.
set -u
export LC_ALL=C.UTF-8
exe=$1 scen=$2 shots=$3
# A private X server, on a display number drawn at random among 800 (not
# the lowest free one, which two servers starting together both pick), with
# -noreset: by default Xvfb resets when its last client leaves, and the
# xdotool call just below, ending as the app connects, could wipe the
# app's window.  Stopped at exit, and waited for.
xpid=""
trap '[ -n "$xpid" ] && kill "$xpid" 2>/dev/null && wait "$xpid" 2>/dev/null' EXIT
for try in 1 2 3 4 5 6 7 8; do
  n=$(( ($(od -An -N2 -tu2 /dev/urandom) % 800) + 100 ))
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
  Xvfb ":$n" -noreset -nolisten tcp -screen 0 1920x1080x24 2>/dev/null &
  xpid=$!
  for _ in $(seq 1 100); do
    [ -S "/tmp/.X11-unix/X$n" ] && break
    kill -0 "$xpid" 2>/dev/null || break
    sleep 0.1
  done
  [ -S "/tmp/.X11-unix/X$n" ] && kill -0 "$xpid" 2>/dev/null && break
  kill "$xpid" 2>/dev/null
  xpid=""
done
[ -n "$xpid" ] || { echo "Xvfb did not start"; exit 1; }
export DISPLAY=":$n"
screen=$(xdotool getdisplaygeometry 2>/dev/null | tr ' ' x)
rm -rf "$shots"
mkdir -p "$shots"
errlog="$shots.stderr"
# starts the app and waits (up to 30 s: a loaded machine starts late) for
# its titled window (SDL may own other windows of the process, untitled);
# gives up early when the app has exited
start_app() {
  "$exe" --shots "$shots" --size 1280x800 "$scen" 2>"$errlog" &
  pid=$!
  win=""
  for _ in $(seq 1 300); do
    for id in $(xdotool search --pid "$pid" 2>/dev/null) $(xdotool search --class gcviz 2>/dev/null); do
      case "$(xdotool getwindowname "$id" 2>/dev/null)" in
        "gcviz — "*) win=$id; return 0 ;;
      esac
    done
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}
if ! start_app; then
  if kill -0 "$pid" 2>/dev/null; then
    echo "no window titled 'gcviz — ...' after 30 s: $(cat "$errlog")"
    kill "$pid"
    exit 1
  fi
  wait "$pid" 2>/dev/null
  first=$?
  echo "no window on the first try (exit $first): $(cat "$errlog")"
  # the environment (status 3: no display yet) gets one more try, a crash does not
  if [ "$first" -ne 3 ] || ! start_app; then
    echo "no window appeared: $(cat "$errlog")"
    kill "$pid" 2>/dev/null
    exit 1
  fi
fi
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5
grab() { # a checksum of the window's pixels
  if command -v import >/dev/null 2>&1; then
    import -window "$win" rgb:- 2>/dev/null | md5sum | cut -d' ' -f1
  else
    xwd -silent -id "$win" 2>/dev/null | md5sum | cut -d' ' -f1
  fi
}
settled() { # the checksum once two grabs 0.3 s apart agree (a loaded machine draws late)
  a=$(grab)
  for _ in $(seq 1 40); do
    sleep 0.3
    b=$(grab)
    [ "$a" = "$b" ] && break
    a=$b
  done
  echo "$a"
}
have_grab=0
if command -v import >/dev/null 2>&1 || command -v xwd >/dev/null 2>&1; then have_grab=1; fi
until_frame() { # waits (up to 12 s) until the frame is (= X) or is not (!= X) checksum X
  for _ in $(seq 1 40); do
    f=$(settled)
    if [ "$1" = "=" ] && [ "$f" = "$2" ]; then break; fi
    if [ "$1" = "!=" ] && [ "$f" != "$2" ]; then break; fi
  done
  echo "$f"
}
before=$(settled)
for _ in 1 2 3 4; do xdotool key --window "$win" Right; sleep 0.15; done
middle=$(until_frame != "$before")
for _ in 1 2 3 4; do xdotool key --window "$win" Left; sleep 0.15; done
after=$(until_frame = "$before")
xdotool key --window "$win" s
for _ in $(seq 1 100); do
  ls "$shots"/*.png >/dev/null 2>&1 && break
  sleep 0.1
done
# F11: full screen (a screenshot is the screen's size), Escape leaves it
# and the app goes on, a second Escape quits
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }
first=$(ls "$shots"/*.png 2>/dev/null | head -n 1)
xdotool key --window "$win" F11
sleep 0.8
xdotool key --window "$win" s
for _ in $(seq 1 100); do
  [ "$(ls "$shots"/*.png 2>/dev/null | wc -l)" -ge 2 ] && break
  sleep 0.1
done
second=$(ls "$shots"/*.png 2>/dev/null | grep -v "^$first\$" | head -n 1)
[ -n "$second" ] || { echo "no screenshot in full screen"; kill "$pid"; exit 1; }
[ "$(png_size "$first")" = "1280x800" ] || { echo "window shot is $(png_size "$first")"; kill "$pid"; exit 1; }
[ "$(png_size "$second")" = "$screen" ] || { echo "full-screen shot is $(png_size "$second"), screen $screen"; kill "$pid"; exit 1; }
xdotool key --window "$win" Escape 2>/dev/null
sleep 0.8
kill -0 "$pid" 2>/dev/null || { echo "Escape in full screen quit the app"; exit 1; }
xdotool key --window "$win" Escape 2>/dev/null
sleep 0.5
kill -0 "$pid" 2>/dev/null || { echo "a second Escape quit the app (Escape never quits)"; exit 1; }
# Q asks, a second Q quits
xdotool key --window "$win" q 2>/dev/null
sleep 0.5
kill -0 "$pid" 2>/dev/null || { echo "one Q quit the app without asking"; exit 1; }
xdotool key --window "$win" q 2>/dev/null
status=0
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then echo "still running after Q, Q"; kill "$pid"; exit 1; fi
wait "$pid"; status=$?
[ "$status" -eq 0 ] || { echo "exit status $status"; exit 1; }
n=$(ls "$shots"/*.png 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || { echo "no screenshot written in $shots"; exit 1; }
head -c 8 "$(ls "$shots"/*.png | head -n 1)" | od -c | grep -q "P   N   G" || { echo "not a PNG"; exit 1; }
if [ "$have_grab" -eq 1 ]; then
  [ "$before" != "$middle" ] || { echo "frame did not change after Right x4"; exit 1; }
  [ "$before" = "$after" ] || { echo "frame did not come back after Left x4"; exit 1; }
  echo "frames: $before -> $middle -> $after"
else
  echo "no screen grabber (xwd/import): frame comparison skipped"
fi
echo "ok: $(ls "$shots")"
