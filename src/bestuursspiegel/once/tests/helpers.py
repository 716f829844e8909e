def page_with_key(client, url: str) -> str:
    """What a browser does: open the page first, which gives its form a key (see once.keys)."""
    response = client.get(url)
    assert response.status_code == 302 and "formulier=" in response["Location"], response.status_code
    return response["Location"]
