/*
 * picturelock.jsx: Picturelock's ExtendScript layer for the Premiere Pro CEP panel.
 *
 * ES3 only (ExtendScript): no JSON object, no Array extras (forEach, map, indexOf ...), no
 * let/const, no arrow functions, no String.prototype.trim, no Object.keys. A parser test
 * (acorn, ecmaVersion 3) and a fake engine without those globals hold it to that.
 *
 * It is a dumb extractor: it reads the DOM and hands back plain data; every tick count stays
 * a decimal string (ticks pass 2^53 after about 9.85 hours) and the panel's TypeScript turns
 * ticks into frames. It does no timecode math.
 *
 * The panel calls exactly one entry point, with exactly one argument: a string literal
 * holding a JSON request, {"fn": name, "args": {...}}. Data never becomes code here: the
 * request is parsed by the small JSON reader below, never evaluated.
 *
 *   $.picturelock.call("{\"fn\":\"readSequence\",\"args\":{}}")
 *
 * Every answer is a JSON string: {"ok":true,"value":...} or
 * {"ok":false,"error":{"code":...,"message":...}}. Non-ASCII characters are written as
 * \uXXXX escapes so the answer survives any transport encoding.
 */
(function () {
  var TAPE_NS = 'http://ns.adobe.com/premierePrivateProjectMetaData/1.0/';
  var TAPE_PROP = 'Column.Intrinsic.TapeName';
  var ENCODER_EVENT = 'com.picturelock.encoder';
  var hasOwn = Object.prototype.hasOwnProperty;

  // ------------------------------------------------------------ JSON out

  function hex4(n) {
    var h = n.toString(16);
    while (h.length < 4) h = '0' + h;
    return h;
  }

  function quote(s) {
    var out = [], i, c, code;
    for (i = 0; i < s.length; i++) {
      c = s.charAt(i);
      code = s.charCodeAt(i);
      if (c === '"') out.push('\\"');
      else if (c === '\\') out.push('\\\\');
      else if (code < 32 || code > 126) out.push('\\u' + hex4(code));
      else out.push(c);
    }
    return '"' + out.join('') + '"';
  }

  function stringify(v) {
    var parts, i, k, t = typeof v;
    if (v === null || v === undefined) return 'null';
    if (t === 'string') return quote(v);
    if (t === 'number') return isFinite(v) ? String(v) : 'null';
    if (t === 'boolean') return v ? 'true' : 'false';
    parts = [];
    if (v instanceof Array) {
      for (i = 0; i < v.length; i++) parts.push(stringify(v[i]));
      return '[' + parts.join(',') + ']';
    }
    for (k in v) {
      if (hasOwn.call(v, k) && v[k] !== undefined && typeof v[k] !== 'function') parts.push(quote(k) + ':' + stringify(v[k]));
    }
    return '{' + parts.join(',') + '}';
  }

  // ------------------------------------------------------------ JSON in

  var ESCAPES = { '"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t' };
  var NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+\-]?[0-9]+)?/;
  var HEX4 = /^[0-9a-fA-F]{4}$/;

  function parse(text) {
    var at = 0;

    function fail(what) {
      throw { plCode: 'HOST_CALL_FAILED', message: 'the request is not valid JSON: ' + what + ' at character ' + at };
    }
    function white() {
      var c;
      while (at < text.length) {
        c = text.charAt(at);
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r') at++;
        else break;
      }
    }
    function str() {
      var out = [], c, h;
      at++;
      while (at < text.length) {
        c = text.charAt(at);
        if (c === '"') {
          at++;
          return out.join('');
        }
        if (c === '\\') {
          c = text.charAt(at + 1);
          if (c === 'u') {
            h = text.substr(at + 2, 4);
            if (!HEX4.test(h)) fail('a bad \\u escape');
            out.push(String.fromCharCode(parseInt(h, 16)));
            at += 6;
          } else if (hasOwn.call(ESCAPES, c)) {
            out.push(ESCAPES[c]);
            at += 2;
          } else fail('a bad escape');
        } else if (c.charCodeAt(0) < 32) {
          fail('a control character in a string');
        } else {
          out.push(c);
          at++;
        }
      }
      fail('an unterminated string');
    }
    function word(w, v) {
      if (text.substr(at, w.length) !== w) fail('an unexpected word');
      at += w.length;
      return v;
    }
    function value() {
      var c, m, obj, arr, key;
      white();
      c = text.charAt(at);
      if (c === '"') return str();
      if (c === '{') {
        obj = {};
        at++;
        white();
        if (text.charAt(at) === '}') {
          at++;
          return obj;
        }
        for (;;) {
          white();
          if (text.charAt(at) !== '"') fail('a missing key');
          key = str();
          white();
          if (text.charAt(at) !== ':') fail('a missing colon');
          at++;
          obj[key] = value();
          white();
          c = text.charAt(at);
          at++;
          if (c === '}') return obj;
          if (c !== ',') fail('a missing comma');
        }
      }
      if (c === '[') {
        arr = [];
        at++;
        white();
        if (text.charAt(at) === ']') {
          at++;
          return arr;
        }
        for (;;) {
          arr.push(value());
          white();
          c = text.charAt(at);
          at++;
          if (c === ']') return arr;
          if (c !== ',') fail('a missing comma');
        }
      }
      if (c === 't') return word('true', true);
      if (c === 'f') return word('false', false);
      if (c === 'n') return word('null', null);
      m = NUMBER.exec(text.substr(at, 40));
      if (!m) fail('an unexpected character');
      at += m[0].length;
      return Number(m[0]);
    }

    var result = value();
    white();
    if (at !== text.length) fail('trailing characters');
    return result;
  }

  // ------------------------------------------------------------ helpers

  function failWith(code, message) {
    throw { plCode: code, message: message };
  }

  function ticksOf(t) {
    return t ? String(t.ticks) : null;
  }

  function timeOfTicks(ticks) {
    var t = new Time();
    t.ticks = String(ticks);
    return t;
  }

  function project() {
    if (!app.project) failWith('HOST_NOT_READY', 'Premiere Pro has no project open.');
    return app.project;
  }

  function findSequence(id) {
    var p = project(), i, s;
    if (id === null || id === undefined || id === '') {
      s = p.activeSequence;
      if (!s) failWith('NO_ACTIVE_TIMELINE', 'No sequence is open in the Timeline panel.');
      return s;
    }
    for (i = 0; i < p.sequences.numSequences; i++) {
      s = p.sequences[i];
      if (String(s.sequenceID) === String(id)) return s;
    }
    failWith('TIMELINE_NOT_FOUND', 'No sequence with id ' + id + ' in this project.');
  }

  var xmpReady = false;

  // Tape name: Premiere keeps it in the item's private project metadata (XMP), read through
  // the XMP toolkit as Adobe's PProPanel sample does.
  function tapeOf(item) {
    var meta, prop;
    try {
      if (!xmpReady) {
        if (typeof XMPMeta === 'undefined') new ExternalObject('lib:AdobeXMPScript');
        xmpReady = true;
      }
      meta = new XMPMeta(item.getProjectMetadata());
      prop = meta.getProperty(TAPE_NS, TAPE_PROP);
      return prop ? String(prop.value) : null;
    } catch (e) {
      return null;
    }
  }

  function readProjectItem(item) {
    var path = '', start = null, rate = null, interp;
    try {
      path = String(item.getMediaPath());
    } catch (e1) {
      path = '';
    }
    try {
      start = ticksOf(item.startTime());
    } catch (e2) {
      start = null;
    }
    try {
      interp = item.getFootageInterpretation();
      if (interp) rate = Number(interp.frameRate);
    } catch (e3) {
      rate = null;
    }
    return {
      name: String(item.name),
      nodeId: String(item.nodeId),
      path: path,
      offline: item.isOffline ? !!item.isOffline() : false,
      startTicks: start,
      timebase: item.interpretedTimebase ? String(item.interpretedTimebase) : null,
      frameRate: rate,
      tape: tapeOf(item)
    };
  }

  function readClip(c, items) {
    var item = c.projectItem, key = null;
    if (item) {
      key = 'item-' + String(item.nodeId);
      if (!hasOwn.call(items, key)) items[key] = readProjectItem(item);
    }
    return {
      name: String(c.name),
      nodeId: String(c.nodeId),
      start: ticksOf(c.start),
      end: ticksOf(c.end),
      inPoint: ticksOf(c.inPoint),
      outPoint: ticksOf(c.outPoint),
      speed: c.getSpeed ? Number(c.getSpeed()) : 1,
      reversed: c.isSpeedReversed ? !!c.isSpeedReversed() : false,
      disabled: !!c.disabled,
      item: key
    };
  }

  function readTracks(collection, kind, out, items) {
    var i, j, track, clips, transitions, list, tlist, t;
    for (i = 0; i < collection.numTracks; i++) {
      track = collection[i];
      list = [];
      tlist = [];
      clips = track.clips;
      for (j = 0; j < clips.numItems; j++) list.push(readClip(clips[j], items));
      transitions = track.transitions;
      for (j = 0; transitions && j < transitions.numItems; j++) {
        t = transitions[j];
        tlist.push({ name: String(t.name), start: ticksOf(t.start), end: ticksOf(t.end), matchName: t.getMatchName ? String(t.getMatchName()) : null });
      }
      out.push({ kind: kind, index: i, name: String(track.name), muted: track.isMuted ? !!track.isMuted() : false, clips: list, transitions: tlist });
    }
  }

  function readMarkerList(collection) {
    var out = [], m = collection.getFirstMarker();
    while (m) {
      out.push({
        guid: String(m.guid),
        name: String(m.name),
        comments: String(m.comments),
        start: ticksOf(m.start),
        end: ticksOf(m.end),
        type: String(m.type),
        color: m.getColorByIndex ? Number(m.getColorByIndex()) : 0
      });
      m = collection.getNextMarker(m);
    }
    return out;
  }

  function joinPath(folder, file) {
    var last = folder.charAt(folder.length - 1);
    if (last === '/' || last === '\\') return folder + file;
    return folder + (folder.indexOf('\\') >= 0 && folder.indexOf('/') < 0 ? '\\' : '/') + file;
  }

  var relayLoaded = false;

  // Encoder events run in ExtendScript; a CSXSEvent carries each one to the panel as JSON.
  function relay(payload) {
    var e;
    try {
      if (!relayLoaded) {
        new ExternalObject('lib:PlugPlugExternalObject');
        relayLoaded = true;
      }
      e = new CSXSEvent();
      e.type = ENCODER_EVENT;
      e.data = stringify(payload);
      e.dispatch();
    } catch (err) {
      relayLoaded = false;
    }
  }

  // `bind` replaces the handler per event name (another panel may have taken it), so it is
  // renewed on every queue call. The handlers relay every job's events; the panel keeps ours.
  function bindEncoder(enc) {
    enc.bind('onEncoderJobQueued', function (jobID) {
      relay({ event: 'queued', hostJobId: String(jobID) });
    });
    enc.bind('onEncoderJobProgress', function (jobID, progress) {
      relay({ event: 'progress', hostJobId: String(jobID), progress: Number(progress) });
    });
    enc.bind('onEncoderJobComplete', function (jobID, outputFilePath) {
      relay({ event: 'complete', hostJobId: String(jobID), outputPath: String(outputFilePath) });
    });
    enc.bind('onEncoderJobError', function (jobID, errorMessage) {
      relay({ event: 'error', hostJobId: String(jobID), message: String(errorMessage) });
    });
    enc.bind('onEncoderJobCanceled', function (jobID) {
      relay({ event: 'cancelled', hostJobId: String(jobID) });
    });
  }

  // ------------------------------------------------------------ the API

  var api = {};

  api.info = function () {
    return { version: String(app.version), build: app.build ? String(app.build) : '', projectOpen: !!app.project, encoder: !!app.encoder };
  };

  api.listSequences = function () {
    var p = project(), out = [], i, s, active = p.activeSequence;
    for (i = 0; i < p.sequences.numSequences; i++) {
      s = p.sequences[i];
      out.push({ id: String(s.sequenceID), name: String(s.name), timebase: String(s.timebase) });
    }
    return { sequences: out, active: active ? String(active.sequenceID) : null };
  };

  // The whole sequence in one answer: tracks, clips, transitions, the project items they use
  // (each read once), markers and settings.
  api.readSequence = function (args) {
    var seq = findSequence(args.id), settings = seq.getSettings(), items = {}, tracks = [];
    readTracks(seq.videoTracks, 'video', tracks, items);
    readTracks(seq.audioTracks, 'audio', tracks, items);
    return {
      id: String(seq.sequenceID),
      name: String(seq.name),
      timebase: String(seq.timebase),
      zeroPoint: String(seq.zeroPoint),
      end: String(seq.end),
      videoDisplayFormat: Number(seq.videoDisplayFormat),
      width: Number(seq.frameSizeHorizontal),
      height: Number(seq.frameSizeVertical),
      frameDurationTicks: settings && settings.videoFrameRate ? String(settings.videoFrameRate.ticks) : null,
      playerPosition: ticksOf(seq.getPlayerPosition()),
      tracks: tracks,
      items: items,
      markers: readMarkerList(seq.markers)
    };
  };

  api.setPlayhead = function (args) {
    findSequence(args.id).setPlayerPosition(String(args.ticks));
    return null;
  };

  api.readMarkers = function (args) {
    return readMarkerList(findSequence(args.id).markers);
  };

  // Marker times are set in seconds (Premiere truncates them to a frame; a duration is given
  // by assigning seconds to `end`, as Adobe's sample does). The panel sends seconds that fall
  // inside the wanted frame so the truncation lands on it.
  api.writeMarkers = function (args) {
    var seq = findSequence(args.id), list = args.markers, i, spec, m, written = 0;
    for (i = 0; i < list.length; i++) {
      spec = list[i];
      m = seq.markers.createMarker(spec.startSeconds);
      m.name = spec.name;
      m.comments = spec.comments;
      if (spec.endSeconds !== null) m.end = spec.endSeconds;
      if (m.setColorByIndex) m.setColorByIndex(spec.colorIndex);
      written++;
    }
    return { written: written };
  };

  api.exportFcp7Xml = function (args) {
    var seq = findSequence(args.id);
    if (!seq.exportAsFinalCutProXML(args.path, 1)) failWith('EXPORT_FAILED', 'Premiere did not export the sequence as FCP7 XML to ' + args.path + '.');
    return { path: args.path };
  };

  // Queues each job in Media Encoder. A job with a record range sets the sequence's in/out
  // points for the call and puts the editor's own points back afterwards.
  api.queueJobs = function (args) {
    var enc = app.encoder, out = [], i, job, seq, ext, path, id, savedIn, savedOut, workArea;
    if (!enc) failWith('NOT_SUPPORTED', 'Media Encoder is not reachable from this Premiere (app.encoder is missing on macOS in 14.3.1 to 15.x).');
    bindEncoder(enc);
    enc.launchEncoder();
    for (i = 0; i < args.jobs.length; i++) {
      job = args.jobs[i];
      seq = findSequence(job.sequenceId);
      ext = String(seq.getExportFileExtension(job.presetPath));
      path = joinPath(job.outputFolder, job.outputName + (ext ? '.' + ext : ''));
      savedIn = null;
      savedOut = null;
      workArea = enc.ENCODE_ENTIRE;
      if (job.inTicks !== null) {
        savedIn = seq.getInPointAsTime();
        savedOut = seq.getOutPointAsTime();
        seq.setInPoint(timeOfTicks(job.inTicks));
        seq.setOutPoint(timeOfTicks(job.outTicks));
        workArea = enc.ENCODE_IN_TO_OUT;
      }
      try {
        id = enc.encodeSequence(seq, path, job.presetPath, workArea, 1, 0);
      } finally {
        if (savedIn) {
          seq.setInPoint(savedIn);
          seq.setOutPoint(savedOut);
        }
      }
      out.push({ jobId: job.jobId, hostJobId: id && String(id) !== '0' ? String(id) : null, outputPath: path });
    }
    return out;
  };

  api.startBatch = function () {
    if (!app.encoder) failWith('NOT_SUPPORTED', 'Media Encoder is not reachable from this Premiere.');
    app.encoder.startBatch();
    return null;
  };

  function call(request) {
    var req, fn;
    try {
      req = parse(String(request));
      if (!req || typeof req.fn !== 'string' || !hasOwn.call(api, req.fn)) failWith('HOST_CALL_FAILED', 'picturelock.jsx has no function ' + (req ? String(req.fn) : '') + '.');
      fn = api[req.fn];
      return stringify({ ok: true, value: fn(req.args || {}) });
    } catch (e) {
      if (e && e.plCode) return stringify({ ok: false, error: { code: e.plCode, message: String(e.message) } });
      return stringify({ ok: false, error: { code: 'HOST_CALL_FAILED', message: String(e && e.message ? e.message : e), line: e && e.line ? Number(e.line) : null } });
    }
  }

  $.picturelock = { version: '1', call: call };
})();
