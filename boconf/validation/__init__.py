"""Documents -> a validated, indexed organisation, with every problem positioned."""
