import groovy.json.JsonSlurper

// basedir is ssgan-maven-plugin/target/it/reference-epoch
def published = new File(basedir, '../../../../src/site/resources/reference/labeled-10pct/seed-1').canonicalFile
def run = new File(basedir, 'target/ssgan/labeled-10pct/seed-1')
def slurper = new JsonSlurper()
def expected = slurper.parse(new File(published, 'result.json'))
def actual = slurper.parse(new File(run, 'result.json'))

// the same experiment: everything but epochs and sampleEvery, hashed
assert actual.configHash == expected.configHash : "examples/reference's labeled-10pct and this IT differ in configuration"

// digits can only be compared where the run was made: same CPU, thread count and BLAS kernel choice
def kernel = { p -> p.nativeEnvironment?.get('OPENBLAS_CORETYPE') }
def same = actual.provenance.cpu == expected.provenance.cpu && actual.provenance.threads == expected.provenance.threads &&
        kernel(actual.provenance) == kernel(expected.provenance)
if (!same) {
    println "reference-epoch: not comparing digits, the reference was made on '${expected.provenance.cpu}' " +
            "(${expected.provenance.threads} threads, OPENBLAS_CORETYPE ${kernel(expected.provenance)}), " +
            "this is '${actual.provenance.cpu}' (${actual.provenance.threads}, ${kernel(actual.provenance)})"
    return true
}
// every column but the last (seconds)
def firstEpoch = { dir -> new File(dir, 'metrics.csv').readLines()[1].split(',').dropRight(1).join(',') }
assert firstEpoch(run) == firstEpoch(published) : 'epoch 1 no longer matches the published reference run digit for digit'
println "reference-epoch: epoch 1 matches the published run: ${firstEpoch(run)}"
return true
