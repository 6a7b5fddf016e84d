"""Photos in editors' Markdown shown in the sizes a screen needs: each
``<img>`` of a published photo becomes a ``<picture>`` with the resized
WebP and fallback versions (portal/generation/images.py), its width and
height. A Python-Markdown tree processor, run after MkDocs has made image
addresses relative to the page and after the content rules have checked them."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from portal.generation.images import Picture

SIZES = "(min-width: 76em) 40rem, 100vw"


class ResponsivePictures(Extension):
    """The plugin says which page comes next (:meth:`start`): its address, the
    photos, and how a site path is written from it."""

    def __init__(self) -> None:
        super().__init__()
        self.page_url = ""
        self.pictures: dict[str, Picture] = {}
        self.relative: Callable[[str], str] = lambda path: path

    def start(self, page_url: str, pictures: dict[str, Picture], relative: Callable[[str], str]) -> None:
        self.page_url, self.pictures, self.relative = page_url, pictures, relative

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the content rules (-100), which check what editors wrote, not what we make of it.
        md.treeprocessors.register(_Pictures(md, self), "portal_pictures", -110)


class _Pictures(Treeprocessor):
    def __init__(self, md: Markdown, owner: ResponsivePictures) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        owner = self.owner
        for parent in list(root.iter()):
            for index, image in enumerate(list(parent)):
                if image.tag != "img" or not image.get("src") or "://" in image.get("src", ""):
                    continue
                # The page is a folder (en/about/) or a file (en/about.html): its images are relative to that folder.
                folder = owner.page_url if owner.page_url.endswith("/") else posixpath.dirname(owner.page_url) + "/"
                path = posixpath.normpath(posixpath.join("/" + folder, image.get("src"))).lstrip("/")
                picture = owner.pictures.get(path)
                if picture is None:
                    continue
                element = etree.Element("picture")
                source = etree.SubElement(element, "source", type="image/webp", sizes=SIZES,
                                          srcset=picture.srcset(picture.webp, owner.relative))
                source.tail = ""
                image.set("src", owner.relative(picture.default.path))
                image.set("srcset", picture.srcset(picture.fallback, owner.relative))
                image.set("sizes", SIZES)
                image.set("width", str(picture.largest.width))
                image.set("height", str(picture.largest.height))
                image.set("loading", "lazy")
                image.set("decoding", "async")
                element.tail, image.tail = image.tail, None
                parent.remove(image)
                element.append(image)
                parent.insert(index, element)
