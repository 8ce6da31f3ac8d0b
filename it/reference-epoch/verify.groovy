import groovy.json.JsonSlurper

// basedir is ssgan-maven-plugin/target/it/reference-epoch; each experiment of the POM against its published seed 1,
// found in the one of these that has it
def resources = new File(basedir, '../../../../src/site/resources').canonicalFile
def roots = ['reference/three-seeds', 'ablation'].collect { new File(resources, it) }
def pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
def experiments = pom.getElementsByTagName('experiment')
def ids = (0..<experiments.length).collect { experiments.item(it).getElementsByTagName('id').item(0).textContent.trim() }
assert ids : 'no experiments in the POM'
def slurper = new JsonSlurper()
// digits can only be compared where the runs were made: same CPU, cores, threads and OpenBLAS settings (the kernels)
def machine = { p -> [p.cpu, p.cores, p.threads, p.nativeEnvironment?.findAll { it.key.startsWith('OPENBLAS_') }] }
// every column but the last (seconds)
def firstEpoch = { dir -> new File(dir, 'metrics.csv').readLines()[1].split(',').dropRight(1).join(',') }
def skipped = []
def buildMachine = null
ids.each { id ->
    def published = roots.collect { new File(it, "${id}/seed-1") }.findAll { new File(it, 'result.json').isFile() }
    assert published.size() == 1 : "${id}: expected one published seed-1 run under ${roots}, found ${published}"
    def run = new File(basedir, "target/ssgan/${id}/seed-1")
    def expected = slurper.parse(new File(published[0], 'result.json'))
    def actual = slurper.parse(new File(run, 'result.json'))
    // the same experiment: everything but epochs and sampleEvery, hashed
    assert actual.configHash == expected.configHash : "${id}: the published run's settings and this IT's differ"
    buildMachine = machine(actual.provenance)
    if (buildMachine != machine(expected.provenance)) {
        skipped << "${id} (made on ${machine(expected.provenance)})"
        return
    }
    assert firstEpoch(run) == firstEpoch(published[0]) : "${id}: epoch 1 no longer matches the published run digit for digit"
    println "reference-epoch: ${id}: epoch 1 matches the published run: ${firstEpoch(run)}"
}
if (skipped) {
    def message = "reference-epoch: SKIPPED the digit-for-digit comparison of epoch 1 with the published runs (only " +
            "their configHash was checked) for ${skipped.join('; ')}: digits only repeat on the machine kind that " +
            "made them [cpu, cores, threads, OPENBLAS_* settings], and this build runs on ${buildMachine}"
    // println goes to this IT's build.log: invoker points System.out there while the script runs
    println message
    // a check that silently did not happen must show in the outer build's output too; stdout itself is not redirected
    def console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8')
    console.println("[WARNING] ${message}")
    console.flush() // not closed: that would close the build's stdout
}
return true
