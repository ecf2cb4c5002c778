"""``make fuzz``: Schemathesis against the emulator, with our OpenAPI document and with fal's."""
