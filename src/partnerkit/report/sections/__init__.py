"""The report's sections: one data class each, with two templates (``templates/report/sections/<name>.*.j2``)."""
