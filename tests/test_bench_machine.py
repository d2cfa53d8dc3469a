"""bench.machine: the reference workload that makes figures of different machines comparable."""

from bench import machine


def test_each_part_is_timed_and_summed_up_in_one_line():
    figures = machine.reference(repeat=1)
    assert list(figures) == ["python", "pandas", "sqlite"]
    assert all(seconds > 0 for seconds in figures.values())
    text = machine.summary(figures)
    assert all(f"{name} {seconds:.3f}" in text for name, seconds in figures.items())
