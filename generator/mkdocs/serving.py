"""Keep `mkdocs serve` watching folders that are moved away and back.

The server's watcher (watchdog's polling observer) stops watching a folder for
good the moment the folder is gone: move `content/` aside and back, or check
out another branch, and saves no longer reload anything. `WatchKeeper` looks
at the watched folders twice a second and, when one is back without a live
watch, watches it again and asks for a rebuild. The server has no call for
that, so the keeper rings a "doorbell": it watches a folder of its own, in the
system's temporary folder, and writes a file there, which the server takes
for a change like any other (nothing is ever written into the project).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.base.processes import process_folder

_INTERVAL = 0.5
"""Seconds between looks: the server's own watcher polls as often."""
_BELL = "briefing-serve-"
"""The doorbell folder's name starts with this, then the server's process id."""


class WatchKeeper:
    """Re-watches `folders` on `server` (MkDocs' LiveReloadServer) whenever they come back."""

    def __init__(self, server: Any, folders: Iterable[Path]) -> None:
        self.server = server
        # Spelled as the server spells the paths it watches, and each folder once, however
        # many names it has (a project reached through a link has two).
        watched = {os.path.realpath(e.watch.path): e.watch.path for e in server.observer.emitters}
        self.folders = sorted({watched.get(os.path.realpath(folder),
                                           os.path.abspath(folder))  # noqa: PTH100
                               for folder in folders})
        self.bell = process_folder(_BELL)
        self._rings = 0
        self._present = {folder: Path(folder).is_dir() for folder in self.folders}
        self._stop = threading.Event()
        server.watch(str(self.bell))
        self._thread = threading.Thread(target=self._run, name="briefing-watch-keeper",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop looking, and remove the doorbell."""
        self._stop.set()
        self._thread.join(timeout=10)
        shutil.rmtree(self.bell, ignore_errors=True)

    def _run(self) -> None:
        while not self._stop.wait(_INTERVAL):
            if not self.server.observer.is_alive():
                continue  # not started yet, or stopping: its emitters are not running
            for folder in self.folders:
                with contextlib.suppress(Exception):  # never let the keeper die
                    self._look(folder)

    def _look(self, folder: str) -> None:
        present = Path(folder).is_dir()
        was = self._present[folder]
        self._present[folder] = present
        if not present:
            if was:
                self._ring()  # so the terminal says what is missing
            return
        if not self._watched(folder):
            with contextlib.suppress(KeyError):
                self.server.unwatch(folder)  # the dead watch
            self.server.watch(folder)
            self._ring()

    def _watched(self, folder: str) -> bool:
        """Whether a live emitter watches `folder`."""
        return any(emitter.watch.path == folder and emitter.is_alive()
                   for emitter in list(self.server.observer.emitters))

    def _ring(self) -> None:
        self._rings += 1
        (self.bell / "ring").write_text(str(self._rings), encoding="utf-8")
