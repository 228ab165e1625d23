"""Sourcing economics: what the organisation's work costs, by unit, function, office, location,
vendor and sourcing model, and when its contracts end."""
