"""What-if scenarios: read a scenario file, overlay it on a copy of the organisation, check it."""
