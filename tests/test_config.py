"""transkit.toml: per-direction models and engine settings, with every problem reported at once."""

import pytest

from transkit.config import Settings, load_settings
from transkit.errors import ConfigError
from transkit.jobs.job import load_job


def test_models_and_engine_settings_are_read(tmp_path):
    config = tmp_path / "transkit.toml"
    config.write_text(
        '[models]\nen-ko = "/models/en-ko"\nKO_kr-vi = "/models/ko-vi"\n'
        '[engine]\nkind = "ct2"\ncompute_type = "int8"\ndevice = "cpu"\nbeam = 2\nthreads = 1\n',
        encoding="utf-8",
    )
    settings = load_settings(str(config))
    assert settings.models == {"en-ko": "/models/en-ko", "ko-vi": "/models/ko-vi"}
    assert (settings.kind, settings.compute_type, settings.device, settings.beam, settings.threads) == (
        "ct2", "int8", "cpu", 2, 1)
    assert settings.path == str(config)
    assert settings.with_options(beam=None, device="cuda").device == "cuda"


def test_no_config_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSKIT_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_settings() == Settings()


def test_every_problem_is_reported_at_once(tmp_path):
    config = tmp_path / "transkit.toml"
    config.write_text(
        '[models]\nen-fr = "x"\n[engine]\nbeam = 0\ndevice = "tpu"\nkind = "onnx"\nspeed = 3\n[extra]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_settings(str(config))
    message = str(err.value)
    assert message.startswith(f"{config}: [models] en-fr: not a direction")
    for part in ("beam: expected a positive integer, got 0", "device: expected auto, cpu or cuda[:N], got 'tpu'",
                 "kind: expected one of transformers, ct2, got 'onnx'", "unknown key 'speed'",
                 "unknown section [extra]"):
        assert part in message


def test_malformed_and_missing_files_name_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[engine\nbeam = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml.*not valid TOML"):
        load_settings(str(bad))
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(str(tmp_path / "none.toml"))


def test_a_job_file_validates_its_engine_table_like_the_config_file(tmp_path):
    job = tmp_path / "job.toml"
    job.write_text('sources = ["d"]\nto = ["ko"]\n[models]\nen-ko = "/m"\n[engine]\nbeam = "four"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[engine\] beam: expected a positive integer, got 'four'"):
        load_job(job)
    job.write_text('sources = ["d"]\nto = ["ko"]\n[models]\nen-ko = "/m"\n[engine]\nkind = "ct2"\n', encoding="utf-8")
    loaded = load_job(job)
    assert loaded.models == {"en-ko": "/m"} and loaded.settings.kind == "ct2"
    assert loaded.settings.models == {"en-ko": "/m"}


def test_a_job_file_adds_to_and_overrides_the_config_file(tmp_path):
    config = tmp_path / "transkit.toml"
    config.write_text(
        '[models]\nen-ko = "/config-ko"\nen-vi = "/config-vi"\n[engine]\nbeam = 2\nthreads = 3\n', encoding="utf-8"
    )
    job = tmp_path / "job.toml"
    job.write_text(
        'sources = ["d"]\nto = ["ko", "vi"]\n[models]\nen-ko = "/job-ko"\n[engine]\nbeam = 5\n', encoding="utf-8"
    )
    loaded = load_job(job, defaults=load_settings(str(config)))
    assert loaded.models == {"en-ko": "/job-ko", "en-vi": "/config-vi"}
    assert (loaded.settings.beam, loaded.settings.threads) == (5, 3)
