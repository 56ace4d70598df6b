#!/usr/bin/env python3
"""Picturelock's bridge to DaVinci Resolve's scripting API.

Speaks line-delimited JSON-RPC 2.0 on stdin/stdout: one JSON text per line, UTF-8, requests
in, responses out, batches (JSON arrays) answered as arrays in one line. It exposes Resolve's
object graph as it is, with no logic of its own: objects become handles, method calls go
through unchanged, and Resolve's None/False come back as null/false for the caller to read.

Methods
  hello                          -> {bridge, protocol, python, module, moduleError?}
  root                           -> handle of scriptapp("Resolve"), or null (Resolve not
                                    running, external scripting off, or the free edition)
  call {target, method, args}    -> the method's return value
  get {target, name}             -> an attribute (the EXPORT_* constants live on resolve)
  release {handles}              -> forgets handles the caller no longer needs

Values: None -> null; bool, int, float, str as JSON; list/tuple -> array; dict -> object with
str() keys (Resolve's float marker frame ids 96.0 become "96.0"); any other object -> a handle
{"$handle": "h<n>", "type": <class name>}. Arguments may contain handles.

Errors: -32700 not JSON, -32600 not a request, -32601 unknown bridge method or no such Resolve
method, -32602 bad params or unknown handle, -32000 the Resolve call raised (message says how).

Finding DaVinciResolveScript, as Blackmagic's scripting README documents it:
  RESOLVE_SCRIPT_API  e.g. /opt/resolve/Developer/Scripting (Linux),
                      /Library/Application Support/Blackmagic Design/DaVinci Resolve/Developer/Scripting (macOS),
                      %PROGRAMDATA%\\Blackmagic Design\\DaVinci Resolve\\Support\\Developer\\Scripting (Windows)
  RESOLVE_SCRIPT_LIB  the fusionscript library (.so / .dll) of the installed Resolve
  PYTHONPATH          must include $RESOLVE_SCRIPT_API/Modules (this script adds it when
                      RESOLVE_SCRIPT_API is set)
"""

import json
import math
import os
import sys

PROTOCOL = 1


def load_module():
    api = os.environ.get("RESOLVE_SCRIPT_API")
    if api:
        modules = os.path.join(api, "Modules")
        if modules not in sys.path:
            sys.path.append(modules)
    try:
        import DaVinciResolveScript  # noqa: PLC0415 - found only at run time, by the env above
    except ImportError as exc:
        return None, str(exc)
    return DaVinciResolveScript, None


class RpcError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class Bridge:
    def __init__(self, module, module_error):
        self.module = module
        self.module_error = module_error
        self.handles = {}
        self.ids = {}
        self.next = 0

    # ------------------------------------------------------------------ values

    def handle_of(self, obj):
        key = id(obj)
        name = self.ids.get(key)
        if name is None or self.handles.get(name) is not obj:
            self.next += 1
            name = "h%d" % self.next
            self.ids[key] = name
            self.handles[name] = obj
        return {"$handle": name, "type": type(obj).__name__}

    def out(self, value):
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return value if math.isfinite(value) else None
        if isinstance(value, (list, tuple)):
            return [self.out(v) for v in value]
        if isinstance(value, dict):
            return {str(k): self.out(v) for k, v in value.items()}
        return self.handle_of(value)

    def arg(self, value):
        if isinstance(value, dict):
            if "$handle" in value:
                return self.lookup(value)
            return {k: self.arg(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.arg(v) for v in value]
        return value

    def lookup(self, ref):
        name = ref.get("$handle") if isinstance(ref, dict) else None
        if not isinstance(name, str) or name not in self.handles:
            raise RpcError(-32602, "no object with handle %r (released, or from an earlier bridge)" % (name,))
        return self.handles[name]

    # ------------------------------------------------------------------ methods

    def hello(self, _params):
        return {
            "bridge": "picturelock-resolve",
            "protocol": PROTOCOL,
            "python": sys.version.split()[0],
            "module": getattr(self.module, "__file__", None) if self.module else None,
            **({"moduleError": self.module_error} if self.module_error else {}),
        }

    def root(self, _params):
        if self.module is None:
            return None
        return self.out(self.module.scriptapp("Resolve"))

    def call(self, params):
        if not isinstance(params, dict) or not isinstance(params.get("method"), str):
            raise RpcError(-32602, "call needs {target, method, args}")
        target = self.lookup(params.get("target"))
        args = params.get("args", [])
        if not isinstance(args, list):
            raise RpcError(-32602, "args must be an array")
        fn = getattr(target, params["method"], None)
        if fn is None or not callable(fn):
            raise RpcError(-32601, "%s has no method %s in this Resolve version" % (type(target).__name__, params["method"]))
        try:
            result = fn(*[self.arg(a) for a in args])
        except Exception as exc:  # a Resolve call that raises: report it, keep serving
            raise RpcError(-32000, "%s raised %s: %s" % (params["method"], type(exc).__name__, exc)) from exc
        return self.out(result)

    def get(self, params):
        if not isinstance(params, dict) or not isinstance(params.get("name"), str):
            raise RpcError(-32602, "get needs {target, name}")
        target = self.lookup(params.get("target"))
        return self.out(getattr(target, params["name"], None))

    def release(self, params):
        names = params.get("handles", []) if isinstance(params, dict) else []
        for name in names:
            obj = self.handles.pop(name, None)
            if obj is not None:
                self.ids.pop(id(obj), None)
        return True

    # ------------------------------------------------------------------ protocol

    def answer(self, request):
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" or not isinstance(request.get("method"), str):
            return {"jsonrpc": "2.0", "id": request.get("id") if isinstance(request, dict) else None, "error": {"code": -32600, "message": "not a JSON-RPC 2.0 request"}}
        rid = request.get("id")
        method = {"hello": self.hello, "root": self.root, "call": self.call, "get": self.get, "release": self.release}.get(request["method"])
        try:
            if method is None:
                raise RpcError(-32601, "the bridge has no method %s" % request["method"])
            result = method(request.get("params"))
        except RpcError as exc:
            response = {"jsonrpc": "2.0", "id": rid, "error": {"code": exc.code, "message": exc.message}}
        else:
            response = {"jsonrpc": "2.0", "id": rid, "result": result}
        return response if "id" in request else None

    def line(self, text):
        try:
            message = json.loads(text)
        except ValueError as exc:
            return {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "not JSON: %s" % exc}}
        if isinstance(message, list):
            if not message:
                return {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "an empty batch"}}
            answers = [a for a in (self.answer(m) for m in message) if a is not None]
            return answers or None
        return self.answer(message)


def main():
    module, error = load_module()
    bridge = Bridge(module, error)
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    for raw in stdin:
        text = raw.decode("utf-8", errors="replace").strip()
        if not text:
            continue
        reply = bridge.line(text)
        if reply is not None:
            stdout.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
            stdout.flush()


if __name__ == "__main__":
    main()
