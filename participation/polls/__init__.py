"""Satisfaction polls after network meetings and trainings: anonymous answers on a 1–5 scale, one
reminder, a result for the channel once enough people have answered, and the plan's yearly figures."""
