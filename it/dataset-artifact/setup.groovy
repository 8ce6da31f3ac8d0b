// Packs the MNIST files the outer build already has (the user cache, which the other ITs fill) into a zip to install.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def xdg = System.getenv('XDG_CACHE_HOME')
def cache = new File(xdg ? new File(xdg) : new File(System.getProperty('user.home'), '.cache'), 'ssgan/mnist')
def names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
assert names.every { new File(cache, it).isFile() } : "MNIST is not cached in ${cache}; run the train-quick IT first"
new ZipOutputStream(new FileOutputStream(new File(basedir, 'mnist-1.0.zip'))).withCloseable { zip ->
    names.each { name ->
        zip.putNextEntry(new ZipEntry("mnist/${name}"))
        zip.write(new File(cache, name).bytes)
        zip.closeEntry()
    }
}
return true
