"""Standards clinics use: FHIR R4 resources for a clinic record (issue 14)."""
