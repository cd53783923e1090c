"""The medical knowledge of twitchcheck: YAML data plus its loader and models."""

from twitchcheck.knowledge.loader import KnowledgeBase, TriageLevel, load_knowledge

__all__ = ["KnowledgeBase", "TriageLevel", "load_knowledge"]
