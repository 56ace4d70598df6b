"""A fake of Blackmagic's DaVinciResolveScript module, for running Picturelock's Resolve bridge
without Resolve. Put this folder on PYTHONPATH and PICTURELOCK_FAKE_RESOLVE_SPEC at a JSON file
written by host-bridge/fakes/resolve/spec.ts (`fakeResolveSpecFromTimeline`).

It behaves like the TypeScript fake (host-bridge/fakes/resolve/fake-resolve.ts), from
docs/hosts/resolve.md: None/False instead of exceptions, 1-based indices, absolute timeline
frames, marker dicts keyed by float offsets, inclusive GetSourceEndFrame, no clip speed or
transitions, render settings inherited from the loaded preset, render status only by polling,
a shared render queue holding someone else's job.

Methods whose names start with _Fake are test controls, not Resolve API.
"""

import json
import os
import re

MARKER_COLORS = ["Blue", "Cyan", "Green", "Yellow", "Red", "Pink", "Purple", "Fuchsia", "Rose", "Lavender", "Sky", "Mint", "Lemon", "Sand", "Cocoa", "Cream"]

CALLS = {"count": 0}


def _hit():
    CALLS["count"] += 1


def _parse_tc(text, fps_text, drop):
    """Timecode label -> frame count at the timeline rate (drop-frame for 29.97/59.94)."""
    m = re.match(r"^(\d{2}):(\d{2}):(\d{2})[:;.,](\d{2})$", text or "")
    if not m:
        return None
    h, mi, s, f = (int(x) for x in m.groups())
    nominal = int(round(float(fps_text)))
    if f >= nominal or mi > 59 or s > 59:
        return None
    frames = ((h * 60 + mi) * 60 + s) * nominal + f
    if drop:
        dropped = 2 * nominal // 30
        total_minutes = h * 60 + mi
        frames -= dropped * (total_minutes - total_minutes // 10)
    return frames


class MediaPoolItem:
    def __init__(self, key, spec):
        self._key = key
        self._spec = spec

    def GetName(self):
        _hit()
        return self._spec["name"]

    def GetMediaId(self):
        _hit()
        return self._key

    def GetClipProperty(self, key=None):
        _hit()
        props = self._spec["properties"]
        if key is None:
            return dict(props)
        return props.get(key, "")


class TimelineItem:
    def __init__(self, spec, mpi):
        self._spec = spec
        self._mpi = mpi

    def GetName(self):
        _hit()
        return self._spec["name"]

    def GetUniqueId(self):
        _hit()
        return self._spec["uniqueId"]

    def GetStart(self, subframe_precision=False):
        _hit()
        return self._spec["start"]

    def GetEnd(self, subframe_precision=False):
        _hit()
        return self._spec["end"]

    def GetDuration(self, subframe_precision=False):
        _hit()
        return self._spec["end"] - self._spec["start"]

    def GetSourceStartFrame(self):
        _hit()
        return self._spec["sourceStart"]

    def GetSourceEndFrame(self):
        _hit()
        return self._spec["sourceEndInclusive"]

    def GetClipEnabled(self):
        _hit()
        return self._spec["enabled"]

    def GetMediaPoolItem(self):
        _hit()
        return self._mpi


class Timeline:
    def __init__(self, spec, pool):
        self._spec = spec
        self._video = [[TimelineItem(i, pool.get(i["media"])) for i in t] for t in spec["video"]]
        self._audio = [[TimelineItem(i, pool.get(i["media"])) for i in t] for t in spec["audio"]]
        self._markers = {int(float(k)): dict(v) for k, v in spec["markers"].items()}
        self._current = spec["startFrame"]

    def _end(self):
        end = self._spec["startFrame"]
        for track in self._video + self._audio:
            for item in track:
                end = max(end, item._spec["end"])
        return end

    def GetName(self):
        _hit()
        return self._spec["name"]

    def GetUniqueId(self):
        _hit()
        return self._spec["uniqueId"]

    def GetStartFrame(self):
        _hit()
        return self._spec["startFrame"]

    def GetEndFrame(self):
        _hit()
        return self._end()

    def GetStartTimecode(self):
        _hit()
        return self._spec["startTimecode"]

    def GetSetting(self, name=None):
        _hit()
        settings = {
            "timelineFrameRate": self._spec["frameRate"],
            "timelineDropFrameTimecode": self._spec["dropFrame"],
            "timelineResolutionWidth": "1920",
            "timelineResolutionHeight": "1080",
        }
        if name is None:
            return settings
        return settings.get(name, "")

    def GetTrackCount(self, track_type):
        _hit()
        return {"video": len(self._video), "audio": len(self._audio)}.get(track_type, 0)

    def GetItemListInTrack(self, track_type, index):
        _hit()
        tracks = {"video": self._video, "audio": self._audio}.get(track_type, [])
        if not isinstance(index, int) or index < 1 or index > len(tracks):
            return []
        return list(tracks[index - 1])

    def GetTrackName(self, track_type, index):
        _hit()
        return "%s %d" % ("Video" if track_type == "video" else "Audio", index) if index >= 1 else ""

    def GetMarkers(self):
        _hit()
        return {float(f): dict(m) for f, m in sorted(self._markers.items())}

    def AddMarker(self, frame_id, color, name, note, duration, custom_data=None):
        _hit()
        if not isinstance(frame_id, (int, float)) or frame_id != int(frame_id):
            return False
        frame = int(frame_id)
        if frame < 0 or frame >= self._end() - self._spec["startFrame"]:
            return False
        if color not in MARKER_COLORS or not isinstance(duration, int) or duration < 1:
            return False
        if frame in self._markers:
            return False
        self._markers[frame] = {"color": color, "duration": duration, "note": note, "name": name, "customData": custom_data or ""}
        return True

    def DeleteMarkerAtFrame(self, frame_id):
        _hit()
        return self._markers.pop(int(frame_id), None) is not None

    def SetCurrentTimecode(self, tc):
        _hit()
        frame = _parse_tc(tc, self._spec["frameRate"], self._spec["dropFrame"] == "1")
        if frame is None:
            return False
        self._current = frame
        return True

    def Export(self, file_name, export_type, export_subtype=None):
        _hit()
        if export_type != Resolve.EXPORT_EDL:
            return False
        if export_subtype not in (Resolve.EXPORT_NONE, Resolve.EXPORT_CDL, Resolve.EXPORT_SDL, Resolve.EXPORT_MISSING_CLIPS):
            return False
        try:
            with open(file_name, "w", encoding="utf-8") as handle:
                handle.write(self._spec["edl"])
        except OSError:
            return False
        return True


class Project:
    def __init__(self, spec):
        self._spec = spec
        pool = {k: MediaPoolItem(k, v) for k, v in spec["mediaPool"].items()}
        self._timelines = [Timeline(t, pool) for t in spec["timelines"]]
        idx = spec["currentTimeline"]
        self._current = self._timelines[idx - 1] if 1 <= idx <= len(self._timelines) else None
        self._settings = {}
        self._preset = None
        self._jobs = []
        self._next = 1
        self._failing = set()
        self._ignored = set()
        for j in spec["otherJobs"]:
            name, _, ext = j["outputFilename"].rpartition(".")
            self._jobs.append({"JobId": j["jobId"], "name": j["name"], "timeline": j["timelineName"], "status": j["status"], "percent": 0,
                               "settings": {"TargetDir": j["targetDir"], "CustomName": name}, "preset": "Custom", "ext": ext, "error": None})

    def _job(self, job_id):
        for j in self._jobs:
            if j["JobId"] == job_id:
                return j
        return None

    def GetName(self):
        _hit()
        return self._spec["projectName"]

    def GetTimelineCount(self):
        _hit()
        return len(self._timelines)

    def GetTimelineByIndex(self, idx):
        _hit()
        if not isinstance(idx, int) or idx < 1 or idx > len(self._timelines):
            return None
        return self._timelines[idx - 1]

    def GetCurrentTimeline(self):
        _hit()
        return self._current

    def SetCurrentTimeline(self, timeline):
        _hit()
        if timeline not in self._timelines:
            return False
        self._current = timeline
        return True

    def GetRenderPresetList(self):
        _hit()
        return [p["name"] for p in self._spec["presets"]]

    def GetRenderFormats(self):
        _hit()
        return {"QuickTime": "mov", "MP4": "mp4", "MXF": "mxf"}

    def LoadRenderPreset(self, name):
        _hit()
        for p in self._spec["presets"]:
            if p["name"] == name:
                self._settings = dict(p["settings"])
                self._preset = p
                return True
        return False

    def SetRenderSettings(self, settings):
        _hit()
        if not isinstance(settings, dict):
            return False
        for k, v in settings.items():
            if k not in self._ignored:
                self._settings[k] = v
        return True

    def AddRenderJob(self):
        _hit()
        if self._current is None:
            return ""
        job_id = "9c1e%04d-5d2a-4e7b-9a61-0c3f5b7d%04d" % (self._next, len(self._jobs))
        self._next += 1
        self._jobs.append({"JobId": job_id, "name": "Job %d" % (len(self._jobs) + 1), "timeline": self._current._spec["name"], "status": "Ready", "percent": 0,
                           "settings": dict(self._settings), "preset": self._preset["name"] if self._preset else "Custom",
                           "ext": self._preset["extension"] if self._preset else "mov", "error": None})
        return job_id

    def DeleteRenderJob(self, job_id):
        _hit()
        j = self._job(job_id)
        if j is None or j["status"] == "Rendering":
            return False
        self._jobs.remove(j)
        return True

    def GetRenderJobList(self):
        _hit()
        out = []
        for j in self._jobs:
            s = j["settings"]
            out.append({"JobId": j["JobId"], "RenderJobName": j["name"], "TimelineName": j["timeline"], "TargetDir": str(s.get("TargetDir", "")),
                        "OutputFilename": "%s.%s" % (s.get("CustomName", j["timeline"]), j["ext"]), "MarkIn": int(s.get("MarkIn", 0)),
                        "MarkOut": int(s.get("MarkOut", 0)), "PresetName": j["preset"], "IsExportVideo": s.get("ExportVideo") is not False,
                        "IsExportAudio": s.get("ExportAudio") is not False})
        return out

    def StartRendering(self, *args, **kwargs):
        _hit()
        if any(j["status"] == "Rendering" for j in self._jobs):
            return False
        if not args or isinstance(args[0], bool):
            ids = [j["JobId"] for j in self._jobs if j["status"] == "Ready"]
        elif isinstance(args[0], list):
            ids = [str(a) for a in args[0]]
        else:
            ids = [a for a in args if isinstance(a, str)]
        jobs = [self._job(i) for i in ids]
        if any(j is None or j["status"] != "Ready" for j in jobs):
            return False
        for j in jobs:
            j["status"] = "Rendering"
            j["percent"] = 0
        return True

    def StopRendering(self):
        _hit()
        for j in self._jobs:
            if j["status"] == "Rendering":
                j["status"] = "Cancelled"
        return None

    def IsRenderingInProgress(self):
        _hit()
        return any(j["status"] == "Rendering" for j in self._jobs)

    def GetRenderJobStatus(self, job_id):
        _hit()
        j = self._job(job_id)
        if j is None:
            return {}
        out = {"JobStatus": j["status"], "CompletionPercentage": j["percent"]}
        if j["status"] == "Rendering":
            out["EstimatedTimeRemainingInMs"] = (100 - j["percent"]) * 40
        if j["status"] == "Complete":
            out["TimeTakenToRenderInMs"] = 4000
        if j["status"] == "Failed" and j["error"]:
            out["Error"] = j["error"]
        return out

    # ---- test controls (not Resolve API)

    def _FakeFailJob(self, custom_name):
        self._failing.add(custom_name)
        return True

    def _FakeIgnoreRenderSetting(self, key):
        self._ignored.add(key)
        return True

    def _FakeFinishRendering(self):
        for j in self._jobs:
            if j["status"] != "Rendering":
                continue
            if j["settings"].get("CustomName") in self._failing:
                j["status"] = "Failed"
                j["percent"] = 37
                j["error"] = "Render Job failed: the codec could not be initialised (media offline at 01:00:00;12)"
            else:
                j["status"] = "Complete"
                j["percent"] = 100
        return True

    def _FakeCallCount(self):
        return CALLS["count"]


class ProjectManager:
    def __init__(self, project):
        self._project = project

    def GetCurrentProject(self):
        _hit()
        return self._project


class Resolve:
    EXPORT_AAF = 9001
    EXPORT_DRT = 9002
    EXPORT_EDL = 9003
    EXPORT_FCP_7_XML = 9004
    EXPORT_FCPXML_1_10 = 9005
    EXPORT_OTIO = 9006
    EXPORT_NONE = 9101
    EXPORT_AAF_NEW = 9102
    EXPORT_AAF_EXISTING = 9103
    EXPORT_CDL = 9104
    EXPORT_SDL = 9105
    EXPORT_MISSING_CLIPS = 9106

    def __init__(self, spec):
        self._spec = spec
        self._pm = ProjectManager(Project(spec))

    def GetProductName(self):
        _hit()
        return self._spec["productName"]

    def GetVersion(self):
        _hit()
        return list(self._spec["version"])

    def GetVersionString(self):
        _hit()
        a, b, c, d, s = self._spec["version"]
        return "%d.%d.%d.%d%s" % (a, b, c, d, (" " + s) if s else "")

    def GetProjectManager(self):
        _hit()
        return self._pm


_APP = {}


def scriptapp(name):
    """Like the real module: the app object, or None when it is not there."""
    if name != "Resolve":
        return None
    if "resolve" not in _APP:
        path = os.environ.get("PICTURELOCK_FAKE_RESOLVE_SPEC")
        if not path or not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as handle:
            _APP["resolve"] = Resolve(json.load(handle))
    return _APP["resolve"]
