import sys

from notify.run import main

sys.exit(main())
