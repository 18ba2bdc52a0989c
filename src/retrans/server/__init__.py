"""``retrans serve``: an HTTP API (check, fix, detect) and a review page for editors.

Needs the ``server`` extra (starlette, uvicorn). ``engine.py`` is the only module that calls
the retrans core; ``app.py`` holds the routes, ``options.py`` request validation, ``schema.py``
the OpenAPI schema and ``static/`` the review page.
"""
