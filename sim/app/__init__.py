"""The classroom page (``neasim app``): levers, one history stepped live, and many futures.

``levers`` chooses the parameters shown as sliders, ``session`` holds one browser tab's state
with no user interface in it, ``figures`` draws it, ``page`` lays it out with NiceGUI, and
``command`` registers the subcommand.
"""
