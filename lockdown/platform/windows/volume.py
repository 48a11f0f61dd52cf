"""Windows: the volume of the default output through Core Audio's `IAudioEndpointVolume`.

Any user may set the master volume and mute of their default playback device: the
`MMDeviceEnumerator` gives the default render endpoint, whose `IAudioEndpointVolume` reads and
sets the level (a scalar 0.0-1.0, as the taskbar's own slider) and the mute. The COM calls are
behind the small `EndpointApi` seam, so the logic is tested on any OS; the real one is plain
ctypes over the interfaces' published method order (mmdeviceapi.h, endpointvolume.h).
"""

from __future__ import annotations

import ctypes
from typing import Any, Protocol

from lockdown.platform.base import VolumeState

CLSID_MM_DEVICE_ENUMERATOR = "{BCDE0395-E52F-467C-8E3D-C4579291692E}"
IID_IMM_DEVICE_ENUMERATOR = "{A95664D2-9614-4F35-A746-DE8DB63617E6}"
IID_IAUDIO_ENDPOINT_VOLUME = "{5CDF2C82-841E-4546-9722-0CF74078229A}"
CLSCTX_ALL = 0x17
E_RENDER, E_MULTIMEDIA = 0, 1
COINIT_APARTMENTTHREADED = 0x2

# Method numbers in each interface's table (IUnknown's three come first).
_RELEASE = 2
_GET_DEFAULT_AUDIO_ENDPOINT = 4  # IMMDeviceEnumerator
_ACTIVATE = 3  # IMMDevice
_SET_MASTER_SCALAR, _GET_MASTER_SCALAR, _SET_MUTE, _GET_MUTE = 7, 9, 14, 15  # IAudioEndpointVolume


class EndpointApi(Protocol):
    """The default output's volume, as Core Audio keeps it."""

    def get(self) -> tuple[float, bool]:
        """(level 0.0-1.0, muted); raises OSError when there is no output or the call fails."""

    def set_scalar(self, level: float) -> None:
        """Set the level (0.0-1.0); raises OSError."""

    def set_mute(self, muted: bool) -> None:
        """Raises OSError."""


class WindowsVolume:
    """Implements `VolumeControl` over the default output's endpoint volume."""

    def __init__(self, api: EndpointApi) -> None:
        self._api = api

    def state(self) -> VolumeState:
        level, muted = self._api.get()
        return VolumeState(max(0, min(100, round(level * 100))), muted)

    def set_level(self, level: int) -> None:
        self._api.set_scalar(max(0, min(100, level)) / 100)

    def set_muted(self, muted: bool) -> None:
        self._api.set_mute(muted)


def available(api: EndpointApi) -> WindowsVolume | None:
    """The volume control, when there is a default output whose volume can be read."""
    try:
        api.get()
    except OSError:
        return None
    return WindowsVolume(api)


class CoreAudioEndpoint:
    """The real COM calls; used only on Windows. The endpoint is looked up at each call, so a
    headset plugged in during the exam is the output that is set."""

    @staticmethod
    def _guid(text: str) -> Any:
        from ctypes import wintypes

        class Guid(ctypes.Structure):
            _fields_ = [("d1", wintypes.DWORD), ("d2", wintypes.WORD), ("d3", wintypes.WORD),
                        ("d4", ctypes.c_ubyte * 8)]

        guid = Guid()
        ole32 = ctypes.WinDLL("ole32")  # type: ignore[attr-defined]
        if ole32.CLSIDFromString(ctypes.c_wchar_p(text), ctypes.byref(guid)) != 0:
            raise OSError(f"bad interface id {text}")
        return guid

    @staticmethod
    def _method(obj: ctypes.c_void_p, index: int, *argtypes: Any) -> Any:
        table = ctypes.cast(obj, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p)))[0]
        prototype = ctypes.WINFUNCTYPE(ctypes.c_long, ctypes.c_void_p, *argtypes)  # type: ignore[attr-defined]
        return prototype(table[index])

    def _call(self, obj: ctypes.c_void_p, index: int, *args: Any, argtypes: tuple[Any, ...]) -> None:
        result = self._method(obj, index, *argtypes)(obj, *args)
        if result < 0:
            raise OSError(f"Core Audio call {index} failed (HRESULT {result & 0xFFFFFFFF:#010x})")

    def _release(self, obj: ctypes.c_void_p) -> None:
        if obj:
            self._method(obj, _RELEASE)(obj)

    def _endpoint(self) -> ctypes.c_void_p:
        ole32 = ctypes.WinDLL("ole32")  # type: ignore[attr-defined]
        ole32.CoInitializeEx(None, COINIT_APARTMENTTHREADED)  # already done by Qt: S_FALSE, fine
        enumerator, device, endpoint = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        clsid, iid = self._guid(CLSID_MM_DEVICE_ENUMERATOR), self._guid(IID_IMM_DEVICE_ENUMERATOR)
        if ole32.CoCreateInstance(ctypes.byref(clsid), None, CLSCTX_ALL, ctypes.byref(iid),
                                  ctypes.byref(enumerator)) != 0:
            raise OSError("the sound devices cannot be listed")
        try:
            self._call(enumerator, _GET_DEFAULT_AUDIO_ENDPOINT, E_RENDER, E_MULTIMEDIA, ctypes.byref(device),
                       argtypes=(ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)))
            try:
                volume_iid = self._guid(IID_IAUDIO_ENDPOINT_VOLUME)
                self._call(device, _ACTIVATE, ctypes.byref(volume_iid), CLSCTX_ALL, None,
                           ctypes.byref(endpoint),
                           argtypes=(ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p,
                                     ctypes.POINTER(ctypes.c_void_p)))
            finally:
                self._release(device)
        finally:
            self._release(enumerator)
        return endpoint

    def get(self) -> tuple[float, bool]:
        endpoint = self._endpoint()
        try:
            level, muted = ctypes.c_float(), ctypes.c_int()
            self._call(endpoint, _GET_MASTER_SCALAR, ctypes.byref(level),
                       argtypes=(ctypes.POINTER(ctypes.c_float),))
            self._call(endpoint, _GET_MUTE, ctypes.byref(muted), argtypes=(ctypes.POINTER(ctypes.c_int),))
            return float(level.value), bool(muted.value)
        finally:
            self._release(endpoint)

    def set_scalar(self, level: float) -> None:
        endpoint = self._endpoint()
        try:
            self._call(endpoint, _SET_MASTER_SCALAR, ctypes.c_float(level), None,
                       argtypes=(ctypes.c_float, ctypes.c_void_p))
        finally:
            self._release(endpoint)

    def set_mute(self, muted: bool) -> None:
        endpoint = self._endpoint()
        try:
            self._call(endpoint, _SET_MUTE, int(muted), None, argtypes=(ctypes.c_int, ctypes.c_void_p))
        finally:
            self._release(endpoint)
