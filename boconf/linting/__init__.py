"""Run the rules: settings, presets, suppressions, baseline, and the lint result."""
