"""Editors' checks beyond the schema: links, images, translation status."""
