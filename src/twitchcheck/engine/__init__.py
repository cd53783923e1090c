"""Inference and triage: pure functions over the knowledge base, no I/O."""

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import Network
from twitchcheck.engine.posterior import Posterior, compute_posterior
from twitchcheck.engine.triage import TriageDecision, decide_triage

__all__ = ["Evidence", "Network", "Posterior", "TriageDecision", "compute_posterior", "decide_triage"]
