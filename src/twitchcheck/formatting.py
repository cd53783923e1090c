"""Formatting numbers for people, shared by the terminal, the pages and the report."""

from __future__ import annotations


def percent(probability: float) -> str:
    """A percentage that never claims certainty the model cannot have: '>99%', '<1%', else '37%'."""
    if probability >= 0.995:
        return ">99%"
    if probability < 0.005:
        return "<1%"
    return f"{probability:.0%}"
