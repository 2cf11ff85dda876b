"""Every SVG in a folder parses as XML, names the DejaVu font, holds the
texts of the heap's cards as <text> elements (so they can be selected).
Colours and positions are compared with the PNGs by the C tests."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main(folder):
    files = sorted(glob.glob(folder + "/*.svg"))
    if not files:
        sys.exit("no SVG in " + folder)
    alltext = []
    for f in files:
        root = ET.parse(f).getroot()  # raises on malformed XML
        if root.tag != NS + "svg":
            sys.exit(f + ": root is " + root.tag)
        if "DejaVu Sans" not in root.get("font-family", ""):
            sys.exit(f + ": the font is not named")
        texts = ["".join(t.itertext()) for t in root.iter(NS + "text")]
        if not any(t == "gcviz" for t in texts):
            sys.exit(f + ": no title text")
        for want in ("CODE", "COLLECTOR"):
            if want not in texts:
                sys.exit(f + ": no text " + repr(want))
        alltext += texts
    # f19 makes a list and a Node that point at each other: their cards say so
    for want in ("list #", "Node #"):
        if not any(t.startswith(want) for t in alltext):
            sys.exit("no card text " + repr(want) + " in any SVG")
    print(len(files), "SVG files parsed")


if __name__ == "__main__":
    main(sys.argv[1])
