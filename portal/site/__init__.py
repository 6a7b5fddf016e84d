"""The portal as a whole: its languages and its identity, from configuration."""
