"""Picturelock bridge check, for DaVinci Resolve's Workspace > Scripts > Utility menu.

Run from the menu, Resolve predefines `resolve` (docs/hosts/resolve.md section 1), also on the
free edition. This script serves that object through picturelock_bridge.py (installed beside
it) exactly as the bridge serves the command line, and prints in Workspace > Console what
Picturelock would read: the project, the current timeline, its rate, start frame and tracks.
If this works but `picturelock resolve ...` from a terminal does not, external scripting is
what is missing (Preferences > System > General > External scripting using: Local; Studio).
"""

import os
import sys

try:
    HERE = os.path.dirname(os.path.abspath(__file__))
except NameError:  # some embedded interpreters run menu scripts without __file__
    HERE = None
if HERE and HERE not in sys.path:
    sys.path.insert(0, HERE)

try:
    import picturelock_bridge
except ImportError:
    picturelock_bridge = None


class InResolve:
    """Stands in for DaVinciResolveScript: the bridge asks it for scriptapp("Resolve")."""

    @staticmethod
    def scriptapp(_name):
        return globals().get("resolve")


def report():
    if picturelock_bridge is None:
        return ["picturelock_bridge.py is not next to this script: copy both files into the same Scripts folder."]
    bridge = picturelock_bridge.Bridge(InResolve, None)
    root = bridge.root(None)
    if root is None:
        return ["No `resolve` object: run this from Workspace > Scripts inside DaVinci Resolve."]

    def call(target, method, *args):
        return bridge.call({"target": target, "method": method, "args": list(args)})

    lines = []
    version = call(root, "GetVersionString")
    lines.append("Resolve %s, reached through the Picturelock bridge (protocol %d)" % (version, picturelock_bridge.PROTOCOL))
    project = call(call(root, "GetProjectManager"), "GetCurrentProject")
    if project is None:
        return lines + ["No project is open."]
    lines.append("Project: %s" % call(project, "GetName"))
    timeline = call(project, "GetCurrentTimeline")
    if timeline is None:
        return lines + ["No current timeline: open one in the Edit page."]
    lines.append("Timeline: %s at %s fps, start frame %s (timecode %s)" % (
        call(timeline, "GetName"),
        call(timeline, "GetSetting", "timelineFrameRate"),
        call(timeline, "GetStartFrame"),
        call(timeline, "GetStartTimecode"),
    ))
    lines.append("Tracks: %s video, %s audio" % (call(timeline, "GetTrackCount", "video"), call(timeline, "GetTrackCount", "audio")))
    return lines


try:
    LINES = report()
except Exception as exc:  # a Resolve call that raised (the bridge says which): show it, do not hide it
    LINES = ["The check stopped: %s" % exc]
for line in LINES:
    print("[Picturelock] " + line)
