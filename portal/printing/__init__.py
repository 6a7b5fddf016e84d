"""Printed publications (issue 16): pages of the built portal printed to PDF by Chromium."""
