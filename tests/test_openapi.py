"""docs/openapi.json describes the API as it really answers: every reply and error validates against it."""
import json
from pathlib import Path

import pytest

from bot.reply import KINDS, Reply

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (test extras)")

DOC = json.loads((Path(__file__).resolve().parent.parent / "docs" / "openapi.json").read_text(encoding="utf-8"))


def _validator(name):
    schema = {"$ref": f"#/components/schemas/{name}", "components": DOC["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_the_document_is_a_valid_schema():
    for name in DOC["components"]["schemas"]:
        jsonschema.Draft202012Validator.check_schema(DOC["components"]["schemas"][name])
    assert DOC["openapi"].startswith("3.1")


def test_every_reply_field_and_kind_is_documented():
    reply = DOC["components"]["schemas"]["Reply"]
    assert set(reply["properties"]) == set(Reply("answer", "", "nl").to_dict())
    assert reply["properties"]["kind"]["enum"] == list(KINDS)


@pytest.mark.parametrize("question", ("wat is dupixent", "olumient bijwerkingen", "my throat is swelling now",
                                      "ik wil dood", "wat is nemolizumab", "moet ik stoppen met rinvoq?",
                                      "hallo", "wie wint het WK?", "hemgenix approval", "en kinderen?"))
def test_api_replies_validate_against_the_document(client, question):
    response = client.post("/api/ask", json={"question": question, "lang": None, "context": None})
    assert response.status_code == 200
    _validator("Reply").validate(response.get_json())
    follow_up = client.post("/api/ask", json={"question": "en de bijwerkingen?", "context": response.get_json()["context"]})
    _validator("Reply").validate(follow_up.get_json())


def test_api_errors_and_health_validate_against_the_document(client):
    for status, body in ((400, {"question": ""}), (400, {"question": 3}), (413, {"question": "x" * 3000})):
        response = client.post("/api/ask", json=body)
        assert response.status_code == status
        assert str(status) in DOC["paths"]["/api/ask"]["post"]["responses"]
        _validator("Error").validate(response.get_json())
    _validator("Health").validate(client.get("/api/health").get_json())


def test_the_document_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.get_json() == DOC
