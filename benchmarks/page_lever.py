"""The classroom page, timed in the browser: a lever released → the many futures redrawn.

Serves ``neasim app`` and opens it in headless Chromium (/usr/bin/chromium) at 1280×720. For each
move of a lever to a value not seen before (so the 500 futures are computed, not taken from the
cache), the page records, with ``performance.now()``, when the pointer is released on the slider
and when the charts have been redrawn and painted (two animation frames after the page's redraw
counter changes). Prints each latency, the median and the worst.
Run: ``.venv/bin/python benchmarks/page_lever.py [--moves N]``.
"""

import argparse
import statistics

from playwright.sync_api import sync_playwright

from sim.app.launch import serving

LEVER = "actors.USA.upfront_relief"
WATCH = """() => {
  window.__released = null; window.__drawn = null;
  document.addEventListener('pointerup', () => { window.__released = performance.now(); },
                            {capture: true});
  const counter = document.querySelector('[data-testid=redraws]');
  new MutationObserver(() => requestAnimationFrame(() => requestAnimationFrame(() => {
    window.__drawn = performance.now();
  }))).observe(counter, {childList: true, characterData: true, subtree: true});
}"""


def main() -> None:
    """Print one latency per lever move, then the median and the worst."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=8)
    args = parser.parse_args()
    latencies = []
    with serving() as (_, address), sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(address)
        page.get_by_test_id("futures-caption").filter(has_text="A summit by").wait_for()
        page.evaluate(WATCH)
        slider = page.get_by_test_id(LEVER)
        box = slider.bounding_box()
        assert box is not None
        for k in range(args.moves):
            page.evaluate("window.__drawn = null")
            where = 0.1 + 0.8 * k / max(1, args.moves - 1)
            slider.click(position={"x": box["width"] * where, "y": box["height"] / 2})
            page.wait_for_function("window.__drawn !== null", timeout=60_000)
            latency = page.evaluate("window.__drawn - window.__released") / 1000
            latencies.append(latency)
            print(f"move {k + 1}: lever at {where:.0%} of its range → redrawn in {latency:.3f} s")
        browser.close()
    print(f"median {statistics.median(latencies):.3f} s, worst {max(latencies):.3f} s")


if __name__ == "__main__":
    main()
