"""Scoring: rule sets as data, and the engine that recomputes every printed score."""

from jixiao.score.card import Scorecard, ScoreLine
from jixiao.score.engine import score_document, score_evaluation
from jixiao.score.ruleset import Ruleset, detect_ruleset, list_rulesets, load_ruleset

__all__ = ["Ruleset", "ScoreLine", "Scorecard", "detect_ruleset", "list_rulesets", "load_ruleset",
           "score_document", "score_evaluation"]
