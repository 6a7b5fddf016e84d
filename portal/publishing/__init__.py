"""Publishing a built site: upload it whole, then switch to it at once."""
