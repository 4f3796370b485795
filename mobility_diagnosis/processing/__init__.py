"""Processing provider and one module per algorithm (parameters in, core calls, sinks out)."""
