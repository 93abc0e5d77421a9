"""The parts of ``bench/load.py``: the app under load, HTTP as a browser speaks it, what a phone
fetches and sends, one phone, the projectors, and the recording of a real phone."""
