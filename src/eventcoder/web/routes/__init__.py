"""The API's routers, one per concern; :func:`eventcoder.web.app.create_app` mounts them under /api."""
