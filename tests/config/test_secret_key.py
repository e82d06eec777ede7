"""The generated SECRET_KEY: made once, the same for every process that starts together."""

import os
import stat
import threading

from config.settings import _secret_key


def test_processes_starting_together_on_a_fresh_data_folder_share_one_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    data_dir = tmp_path / "var"
    keys, start = [], threading.Barrier(8)

    def worker():
        start.wait()
        keys.append(_secret_key(data_dir))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and len(keys[0]) >= 50
    assert [p.name for p in data_dir.iterdir()] == ["secret_key"]  # no half-written leftovers
    assert stat.S_IMODE(os.stat(data_dir / "secret_key").st_mode) == 0o600
    assert _secret_key(data_dir) == keys[0]  # and kept


def test_the_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert _secret_key(tmp_path) == "from-the-environment"
    assert not any(tmp_path.iterdir())


def test_a_file_system_without_hard_links_still_gets_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    def no_links(source, target):
        raise PermissionError("hard links are not supported here")

    monkeypatch.setattr(os, "link", no_links)
    key = _secret_key(tmp_path)
    assert len(key) >= 50 and _secret_key(tmp_path) == key
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
