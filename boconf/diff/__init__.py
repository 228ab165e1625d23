"""What a change does: two organisations compared as models, not as text."""
