// Starts two ssgan:train builds on one output directory at the same moment, as a double-triggered CI job would, and
// checks that exactly one trains while the other waits for the run's lock, and that they end with the reference's
// numbers (the invoker's own build trained the same run alone, into target/ssgan).
def pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
def plugin = { tag -> pom.getElementsByTagName('plugin').item(0).getElementsByTagName(tag).item(0).textContent }
def goal = "${plugin('groupId')}:${plugin('artifactId')}:${plugin('version')}:train"
def mavenHome = System.getProperty('maven.home')
assert mavenHome : 'no maven.home system property in the invoker\'s JVM'
def mvn = new File(mavenHome, System.getProperty('os.name').startsWith('Windows') ? 'bin/mvn.cmd' : 'bin/mvn')
// the invoker's settings, with the outer build's repository filled in (written next to the cloned projects)
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no ${settings}; ${basedir.parentFile} holds ${basedir.parentFile.list()}"
def shared = new File(basedir, 'target/shared')
def command = [mvn.path, '-B', '-o', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
               "-Dssgan.outputDirectory=${shared}", "-Dssgan.siteDirectory=${new File(basedir, 'target/shared-site')}",
               goal]*.toString()

def names = ['build-a', 'build-b']
def builds = names.collect { name ->
    new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, "${name}.log")).start()
}
try {
    builds.eachWithIndex { p, i ->
        assert p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) : "${names[i]} did not finish in 5 minutes"
    }
} finally {
    builds.each { it.destroyForcibly() } // no-op for finished ones
}
def logs = names.collect { new File(basedir, "${it}.log").text }
builds.eachWithIndex { p, i ->
    assert p.exitValue() == 0 : "${names[i]} failed:\n${logs[i]}"
}

def run = '[labeled-10pct/seed-1]'
def waiting = "${run} waiting for another build that is writing this run: pid "
def waited = (0..1).findAll { logs[it].contains(waiting) }
assert waited.size() == 1 : "exactly one build waits for the other's lock, but ${waited.size()} did (none: the first " +
        "finished before the second reached the run, the builds did not overlap)"
int waiter = waited[0]
int trainer = 1 - waiter
// it names the other build: its training JVM is a child of the other mvn process (bin/mvn execs java; mvn.cmd not)
def told = logs[waiter].readLines().find { it.contains(waiting) }
assert mvn.name == 'mvn.cmd' || told.contains("(parent pid ${builds[trainer].pid()}) on ") : told
println "concurrent-builds: ${names[waiter]}: ${told}"

[1, 2].each { epoch ->
    def lines = logs.collect { log -> log.readLines().count { it.contains("${run} epoch ${epoch}/2 ") } }
    assert lines == (trainer == 0 ? [1, 0] : [0, 1]) : "epoch ${epoch} trained once, by ${names[trainer]}: ${lines}"
}
assert logs[waiter].contains("${run} up to date")

assert shared.listFiles().findAll { it.directory }*.name == ['labeled-10pct']
assert new File(shared, 'labeled-10pct').listFiles()*.name == ['seed-1']
def dir = new File(shared, 'labeled-10pct/seed-1')
assert new File(dir, '.lock').text.isEmpty() : 'released locks name nobody'
assert !new File(dir, 'checkpoint.zip.corrupt').exists()

// every column but the last (seconds)
def metrics = { d -> new File(d, 'metrics.csv').readLines()*.replaceFirst(/,[^,]*$/, '') }
def reference = metrics(new File(basedir, 'target/ssgan/labeled-10pct/seed-1'))
assert reference.size() == 3
assert metrics(dir) == reference
return true
