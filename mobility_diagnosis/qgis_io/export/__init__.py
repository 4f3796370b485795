"""What a diagnosis hands out: the package folder, the PDF report and its maps, the national
open-data files (BNAC GeoJSON, bike-parking CSV) and publishing on a udata portal."""
