"""The stand-in in a process of its own: `python -m devtools.localslack [--token T]` starts it on a free
loopback port, prints its Web API URL on one line, and serves until it is terminated. A benchmark that
measures the bot's own work (the dispatch) runs it so, so that answering Slack's side does not share the
bot's interpreter lock."""

from __future__ import annotations

import argparse
import logging
import threading

from devtools.localslack.server import LOCAL_TOKEN, SlackStandIn


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devtools.localslack", description=__doc__)
    parser.add_argument("--token", default=LOCAL_TOKEN, help="the only bot token it accepts")
    options = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    standin = SlackStandIn(token=options.token).start()
    print(standin.api_url, flush=True)
    threading.Event().wait()  # until SIGTERM ends the process


if __name__ == "__main__":
    main()
