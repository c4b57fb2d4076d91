"""The seed's stack for comparison: a Flask app with the same /health answer, served by gunicorn."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(status="UP")
